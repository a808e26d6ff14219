// Text of a PDF read on stdin (pdf.js through unpdf), in its own process: jest's VM cannot load pdf.js's ES modules.
import { Buffer } from 'node:buffer';
import process from 'node:process';
import { extractText } from 'unpdf';

const morceaux = [];
for await (const m of process.stdin) morceaux.push(m);
const { text } = await extractText(new Uint8Array(Buffer.concat(morceaux)), { mergePages: true });
process.stdout.write(text);
