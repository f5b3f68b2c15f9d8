// Parses .qna files with the Bot Framework's own parser (@microsoft/bf-lu, the parser behind
// `bf qnamaker:build` and Composer) and prints what it found as JSON, so that
// ReferenceParserCrossCheckTests can compare it with CleanseBot's QnaFileParser.
//
// Usage: node parse-qna.js <file.qna>...
// Prints: { "files": [ { "file", "diagnostics": [{severity, message}], "pairs": [{id, questions, answer, metadata: [{name, value}],
//           prompts: [{displayText, qnaId, contextOnly}]}] } ] }
// Exits 1, with the error on stderr, if bf-lu cannot parse a file.
'use strict';

const path = require('path');
const { parser } = require('@microsoft/bf-lu');
const luParser = require('@microsoft/bf-lu/lib/parser/lufile/luParser.js');
const readTextFile = require('@microsoft/bf-lu/lib/parser/lufile/read-text-file.js');

// bf-lu throws its own exception objects ({ errCode, text }), not Errors.
function describe(error) {
  if (error && typeof error.text === 'string') {
    return error.text;
  }
  return error instanceof Error ? error.message : String(error);
}

async function parseOne(file) {
  // Read the way the bf CLI reads: byte order marks removed.
  const text = readTextFile.readSync(file);

  const diagnostics = luParser
    .parse(text)
    .Errors.filter(d => d.Severity === 'WARN' || d.Severity === 'ERROR')
    .map(d => ({ severity: d.Severity, message: d.toString() }));

  let parsed;
  try {
    parsed = await parser.parseFile(text, false, 'en-us');
  } catch (error) {
    throw new Error(`${file}: bf-lu could not parse the file:\n${describe(error)}`);
  }

  const pairs = parsed.qnaJsonStructure.qnaList.map(item => ({
    id: item.id,
    questions: item.questions,
    answer: item.answer,
    metadata: (item.metadata || []).map(m => ({ name: m.name, value: m.value })),
    prompts: ((item.context && item.context.prompts) || []).map(p => ({ displayText: p.displayText, qnaId: p.qnaId, contextOnly: p.contextOnly === true })),
  }));

  return { file: path.basename(file), diagnostics, pairs };
}

async function main(files) {
  if (files.length === 0) {
    throw new Error('usage: node parse-qna.js <file.qna>...');
  }
  const results = [];
  for (const file of files) {
    results.push(await parseOne(file));
  }
  process.stdout.write(JSON.stringify({ files: results }, null, 2) + '\n');
}

main(process.argv.slice(2)).catch(error => {
  console.error(describe(error));
  process.exit(1);
});
