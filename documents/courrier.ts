/**
 * Letters and documents in the département's name, as PDF (pdfkit): its logo and name in the header, the
 * recipient, a title, paragraphs, lists and tables, signature blocks, and at the foot the département's
 * signatory (`signataire` of its identity). Built from plain data: the letters'
 * texts live in documents/catalogue.ts.
 */
import PDFDocument from 'pdfkit';
import SVGtoPDF from 'svg-to-pdfkit';
import type { Identite } from '../config/identite';
import type { Courrier } from './types';

const MARGE = 56;

/** The letter as PDF bytes, with the département's identity. */
export function courrierPdf(identite: Identite, c: Courrier): Promise<Buffer> {
  const doc = new PDFDocument({
    size: 'A4',
    margin: MARGE,
    info: {
      Title: c.titre,
      Author: identite.collectivite,
      Creator: identite.service,
      ...(c.le ? { CreationDate: c.le, ModDate: c.le } : {}),
    },
    lang: 'fr-FR',
  });
  const morceaux: Buffer[] = [];
  doc.on('data', (m: Buffer) => morceaux.push(m));
  const fini = new Promise<Buffer>((resolve) => doc.on('end', () => resolve(Buffer.concat(morceaux))));
  const couleur = identite.couleurs.principale;
  const largeur = doc.page.width - 2 * MARGE;

  SVGtoPDF(doc, identite.logoSvg, MARGE, MARGE, { width: 48, height: 48 });
  doc
    .font('Helvetica-Bold')
    .fontSize(13)
    .fillColor(couleur)
    .text(identite.collectivite, MARGE + 60, MARGE + 6);
  doc
    .font('Helvetica')
    .fontSize(9)
    .fillColor('#333')
    .text(identite.service, MARGE + 60, MARGE + 24);
  doc
    .moveTo(MARGE, MARGE + 60)
    .lineTo(MARGE + largeur, MARGE + 60)
    .strokeColor(couleur)
    .lineWidth(1.5)
    .stroke();
  doc.y = MARGE + 76;
  if (c.destinataire) {
    doc.font('Helvetica').fontSize(11).fillColor('#000');
    doc.text(c.destinataire.join('\n'), MARGE + largeur / 2, doc.y, { width: largeur / 2 });
    doc.moveDown();
  }
  doc.font('Helvetica').fontSize(10).text(c.faitLe, MARGE, doc.y, { width: largeur, align: 'right' });
  doc.moveDown();
  doc.font('Helvetica-Bold').fontSize(15).fillColor(couleur).text(c.titre, MARGE, doc.y, { width: largeur });
  doc.moveDown(0.6).fillColor('#000');

  for (const b of c.blocs) {
    if ('paragraphe' in b) doc.font('Helvetica').fontSize(11).text(b.paragraphe, { width: largeur, align: 'justify' });
    else if ('intertitre' in b)
      doc.font('Helvetica-Bold').fontSize(12).fillColor(couleur).text(b.intertitre).fillColor('#000');
    else if ('liste' in b)
      doc
        .font('Helvetica')
        .fontSize(11)
        .list(b.liste, { width: largeur - 12, bulletRadius: 2 });
    else if ('proprietes' in b)
      for (const [k, v] of b.proprietes)
        doc.font('Helvetica-Bold').fontSize(11).text(`${k} : `, { continued: true }).font('Helvetica').text(v);
    else {
      doc.moveDown();
      const y = doc.y;
      const colonne = largeur / b.signatures.length;
      b.signatures.forEach((s, i) =>
        doc
          .font('Helvetica')
          .fontSize(10)
          .text(s, MARGE + i * colonne, y, { width: colonne - 12 }),
      );
      doc.x = MARGE;
      doc.y = y + 80;
    }
    doc.moveDown(0.6);
  }
  if (!c.sansSignataire) {
    doc.moveDown();
    const { qualite, nom } = identite.signataire;
    doc
      .font('Helvetica')
      .fontSize(10)
      .fillColor('#000')
      .text(`Pour ${identite.collectivite},\n${qualite}`, MARGE + largeur / 2, doc.y, { width: largeur / 2 })
      .font('Helvetica-Bold')
      .text(nom, { width: largeur / 2 });
    doc.x = MARGE;
  }
  doc.end();
  return fini;
}
