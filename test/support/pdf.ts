import { execFileSync } from 'node:child_process';
import path from 'node:path';
import type request from 'supertest';

/** The text of a PDF as a reader's software extracts it (pdf.js in a child process), spaces collapsed. */
export const textePdf = (pdf: Buffer): string =>
  execFileSync(process.execPath, [path.join(__dirname, 'texte-pdf.mjs')], { input: pdf })
    .toString()
    .replace(/\s+/g, ' ');

/** supertest's parser for binary answers (PDF): the body as a Buffer. */
export const binaire = (res: request.Response, fin: (err: Error | null, corps: Buffer) => void): void => {
  const morceaux: Buffer[] = [];
  res.on('data', (m: Buffer) => morceaux.push(m));
  res.on('end', () => fin(null, Buffer.concat(morceaux)));
};

/** The PDF files joined to a received message (base64 MIME parts), read without a mail parser. */
export const piecesPdf = (brut: string): Buffer[] =>
  brut
    .split(/\r?\n--/)
    .filter((partie) => /Content-Type:\s*application\/pdf/i.test(partie))
    .map((partie) =>
      Buffer.from(
        partie
          .split(/\r?\n\r?\n/)
          .slice(1)
          .join('')
          .replace(/\s+/g, ''),
        'base64',
      ),
    );
