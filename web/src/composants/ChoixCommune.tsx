import { useState } from 'react';
import { Button, ComboBox, FieldError, Input, Label, ListBox, ListBoxItem, Popover, Text } from 'react-aria-components';
import { useDonnees } from './Donnees';
import { requete } from '../api/client';
import type { CommuneTrouvee } from '../api/contrat';

/**
 * The commune of residence, found by its name or postal code (GET /communes?q=): suggestions name the commune
 * and its postal codes, so that a postal code shared by several communes is resolved by the agent.
 */
export function ChoixCommune({
  id,
  commune,
  choisir,
  erreur,
  effacer,
  label = 'Commune de résidence',
  obligatoire,
}: {
  id: string;
  label?: string;
  obligatoire?: boolean;
  commune: CommuneTrouvee | null;
  choisir: (c: CommuneTrouvee | null) => void;
  erreur?: string;
  effacer: () => void;
}) {
  const [saisie, setSaisie] = useState(commune?.nom ?? '');
  const q = saisie.trim();
  const suggestions = useDonnees<{ items: CommuneTrouvee[] }>(q.length >= 2 ? `/communes${requete({ q })}` : null);
  const items = suggestions.etat === 'ok' ? suggestions.donnees.items : [];
  return (
    <ComboBox
      id={id}
      className="champ"
      inputValue={saisie}
      onInputChange={(v) => {
        setSaisie(v);
        if (commune && v !== commune.nom) choisir(null);
        effacer();
      }}
      items={items.map((c) => ({ ...c, id: c.code }))}
      selectedKey={commune?.code ?? null}
      onSelectionChange={(k) => {
        const c = items.find((x) => x.code === k) ?? null;
        choisir(c);
        if (c) setSaisie(c.nom);
      }}
      menuTrigger="input"
      allowsEmptyCollection
      isInvalid={!!erreur}
      isRequired={obligatoire}
      validationBehavior="aria"
    >
      <Label>
        {label}
        {obligatoire && <span aria-hidden="true"> *</span>}
      </Label>
      <Text slot="description" className="aide">
        Nom de la commune ou code postal, puis choisir dans la liste.
      </Text>
      <div style={{ display: 'flex', gap: '0.25rem' }}>
        <Input />
        <Button className="bouton bouton-secondaire bouton-petit" aria-label="Afficher les communes proposées">
          ▾
        </Button>
      </div>
      <FieldError className="message-erreur">{erreur}</FieldError>
      <Popover className="popover">
        <ListBox
          className="options"
          renderEmptyState={() => (
            <p className="option discret">
              {q.length < 2 ? 'Saisir au moins deux caractères.' : 'Aucune commune trouvée.'}
            </p>
          )}
        >
          {(c: CommuneTrouvee) => (
            <ListBoxItem className="option" id={c.code} textValue={c.nom}>
              {c.nom} <span className="discret">({c.codesPostaux.join(', ')})</span>
              {c.territoire && <span className="option-aide">{c.territoire}</span>}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </ComboBox>
  );
}
