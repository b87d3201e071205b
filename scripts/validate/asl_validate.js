// Runs asl-validator (npm) on many ASL documents in one Node.js process.
// Input on stdin: a JSON array of {"id": ..., "path": ...}. Output on stdout: one JSON line per
// document, {"id": ..., "valid": true|false, "errors": [text, ...]}.
// NODE_PATH must hold the node_modules folder where asl-validator is installed.
'use strict';
const fs = require('fs');
const validator = require('asl-validator');

let input = '';
process.stdin.setEncoding('utf8');
process.stdin.on('data', (chunk) => { input += chunk; });
process.stdin.on('end', () => {
  for (const { id, path } of JSON.parse(input)) {
    let line;
    try {
      const definition = JSON.parse(fs.readFileSync(path, 'utf8'));
      // The defaults of the command line: JsonPaths and Resource ARNs are checked.
      const result = validator(definition, { checkPaths: true, checkArn: true });
      line = {
        id,
        valid: result.isValid,
        errors: result.isValid ? [] : result.errors.map((e) => `${e['Error code']}: ${e.Message}`),
      };
    } catch (e) {
      line = { id, valid: false, errors: [`asl-validator failed: ${e.message}`] };
    }
    process.stdout.write(JSON.stringify(line) + '\n');
  }
});
