// Runs before the theme's first script (course_site/templates/layout.html loads it, synchronously, first).
// Why: pydata-sphinx-theme reads localStorage in its first inline script and writes it when its scripts start;
// where storage is blocked (reading throws SecurityError) or full (setItem throws QuotaExceededError) that
// would be uncaught errors and a theme whose buttons never start. The theme's keys (mode, theme, pst_*) and
// Sphinx's (sphinx_*) are then kept in memory for the page; every other key still fails as before, so the
// course's progress store still tells the student that nothing can be saved. A file, not an inline script:
// the pages' Content-Security-Policy needs no hash for it.
(function () {
  var real = null;
  try {
    real = window.localStorage;
    real.setItem("course-storage-probe", "1");
    real.removeItem("course-storage-probe");
    return;
  } catch (error) { /* storage blocked or full: guard the theme's keys below */ }
  var memory = {}, themeKey = /^(mode|theme|pst_|sphinx_)/;
  var fail = function () { throw new DOMException("localStorage is not available", "SecurityError"); };
  var shim = {
    getItem: function (key) {
      key = String(key);
      if (themeKey.test(key)) {
        if (key in memory) return memory[key];
        try { return real ? real.getItem(key) : null; } catch (error) { return null; }
      }
      return real ? real.getItem(key) : fail();
    },
    setItem: function (key, value) {
      key = String(key);
      if (themeKey.test(key)) {
        memory[key] = String(value);
        try { if (real) real.setItem(key, value); } catch (error) { /* kept in memory */ }
        return;
      }
      return real ? real.setItem(key, value) : fail();
    },
    removeItem: function (key) {
      delete memory[String(key)];
      return real ? real.removeItem(key) : themeKey.test(String(key)) ? undefined : fail();
    },
    key: function (index) { return real ? real.key(index) : fail(); },
    clear: function () { memory = {}; return real ? real.clear() : fail(); },
    get length() { return real ? real.length : 0; },
  };
  try { Object.defineProperty(window, "localStorage", { configurable: true, get: function () { return shim; } }); }
  catch (error) { /* cannot be replaced: the theme copes as it can */ }
})();

