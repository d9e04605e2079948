// @ts-check
/** Read the JSON payload the build wrote inside a widget. */
import { t } from "./i18n.js";
import "./strings/verdict.js";

/**
 * The widget's JSON: a `<script type="application/json">`, or a `<template>` holding it as text where a site
 * re-runs the scripts of pages it swaps in (mkdocs-material's instant navigation drops a script's type).
 * @param {Element} root @returns {any}
 */
export function readPayload(root) {
  const holder = root.querySelector(":scope > script.pq-data, :scope > template.pq-data");
  if (!holder) return null;
  const text = holder instanceof HTMLTemplateElement ? holder.content.textContent : holder.textContent;
  return JSON.parse(text || "{}");
}

/** The text shown for a verdict ("correct", "incorrect", "partial"); never colour alone. @param {string} verdict */
export function verdictText(verdict) {
  return ["correct", "incorrect", "partial"].includes(verdict) ? t(`verdict.${verdict}`) : "";
}

/**
 * Make an element with text content only (nothing a student typed is ever parsed as HTML).
 * @param {string} tag @param {string} [text] @param {string} [className]
 */
export function el(tag, text, className) {
  const node = document.createElement(tag);
  if (text !== undefined) node.textContent = text;
  if (className) node.className = className;
  return node;
}
