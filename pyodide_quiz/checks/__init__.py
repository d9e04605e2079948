"""Author checks that belong to the engine, so every book that uses it gets them."""
