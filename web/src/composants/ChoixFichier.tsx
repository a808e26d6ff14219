import { FileTrigger } from 'react-aria-components';
import { Bouton } from './ui';

export interface Fichier {
  nomFichier: string;
  contenu: string;
}

/** A file chosen by the agent, as the API's imports take it (base64, without the data: prefix). */
export const lireFichier = (f: File) =>
  new Promise<Fichier>((resolve, reject) => {
    const lecteur = new FileReader();
    lecteur.onload = () =>
      resolve({ nomFichier: f.name, contenu: (lecteur.result as string).replace(/^data:[^,]*,/, '') });
    lecteur.onerror = () => reject(new Error('Fichier illisible.'));
    lecteur.readAsDataURL(f);
  });

/** The file field of an import (CSV or XLSX), bound to the API's `contenu` field for its messages. */
export function ChoixFichier({
  fichier,
  changer,
}: {
  fichier: Fichier | null;
  changer: (f: File | undefined) => void;
}) {
  return (
    <div className="champ" id="champ-contenu">
      <FileTrigger acceptedFileTypes={['.csv', '.xlsx', 'text/csv']} onSelect={(f) => changer(f?.[0])}>
        <Bouton variante="secondaire">Choisir le fichier (CSV ou XLSX)</Bouton>
      </FileTrigger>
      <p aria-live="polite">{fichier ? `Fichier choisi : ${fichier.nomFichier}` : 'Aucun fichier choisi.'}</p>
    </div>
  );
}
