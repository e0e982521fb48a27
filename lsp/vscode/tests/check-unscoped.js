#!/usr/bin/env node
// Tokenizes plans with the extension's grammar, as VS Code would, and lists every piece of
// text that the grammar gave no scope (nothing but `source.cpdsl`): in a plan that parses,
// each word should be a keyword, an id, a value, a string, a comment or a brace.
//
//   node tests/check-unscoped.js ../../examples/amy.cp ...
//
// Exits 1 when something is unscoped (each printed as file:line:column), 2 on bad usage.
"use strict";

const fs = require("fs");
const path = require("path");
const textmate = require("vscode-textmate");
const oniguruma = require("vscode-oniguruma");

const GRAMMAR = path.join(__dirname, "..", "syntaxes", "cpdsl.tmLanguage.json");
const ROOT = "source.cpdsl";

async function loadGrammar() {
  const wasm = fs.readFileSync(require.resolve("vscode-oniguruma/release/onig.wasm"));
  await oniguruma.loadWASM(wasm.buffer.slice(wasm.byteOffset, wasm.byteOffset + wasm.byteLength));
  const registry = new textmate.Registry({
    onigLib: Promise.resolve({
      createOnigScanner: (patterns) => new oniguruma.OnigScanner(patterns),
      createOnigString: (text) => new oniguruma.OnigString(text),
    }),
    loadGrammar: async (scopeName) =>
      scopeName === ROOT
        ? textmate.parseRawGrammar(fs.readFileSync(GRAMMAR, "utf8"), GRAMMAR)
        : null,
  });
  return registry.loadGrammar(ROOT);
}

/** The unscoped pieces of one plan's text, as [line, column, text] (both from 1). */
function unscoped(grammar, text) {
  const found = [];
  let stack = textmate.INITIAL;
  text.split(/\r\n|\r|\n/).forEach((line, index) => {
    const result = grammar.tokenizeLine(line, stack);
    for (const token of result.tokens) {
      const piece = line.slice(token.startIndex, token.endIndex);
      if (token.scopes.length === 1 && piece.trim() !== "") {
        const column = token.startIndex + piece.length - piece.trimStart().length;
        found.push([index + 1, column + 1, piece.trim()]);
      }
    }
    stack = result.ruleStack;
  });
  return found;
}

async function main(files) {
  if (files.length === 0) {
    console.error("usage: node tests/check-unscoped.js PLAN.cp...");
    return 2;
  }
  const grammar = await loadGrammar();
  let problems = 0;
  for (const file of files) {
    for (const [line, column, piece] of unscoped(grammar, fs.readFileSync(file, "utf8"))) {
      console.log(`${file}:${line}:${column}: ${JSON.stringify(piece)} has no scope`);
      problems += 1;
    }
  }
  console.log(`${files.length} plans tokenized, ${problems} unscoped pieces`);
  return problems === 0 ? 0 : 1;
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(2);
  },
);
