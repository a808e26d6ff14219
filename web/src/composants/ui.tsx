/**
 * The screens' components, on React Aria Components (keyboard, focus, labels, descriptions and error
 * messages wired for assistive technologies), styled by styles/ecrans.css with the département's colours.
 */
import type { ReactNode } from 'react';
import {
  Button,
  Checkbox,
  CheckboxGroup,
  FieldError,
  Input,
  Label,
  ListBox,
  ListBoxItem,
  Popover,
  Radio,
  RadioGroup,
  Select,
  SelectValue,
  Text,
  TextArea,
  TextField,
  type ButtonProps,
} from 'react-aria-components';
import { lien } from '../navigation';

type Variante = 'principal' | 'secondaire' | 'discret';
const classeBouton = (variante: Variante = 'principal', petit = false) =>
  ['bouton', variante !== 'principal' && `bouton-${variante}`, petit && 'bouton-petit'].filter(Boolean).join(' ');

export function Bouton({
  variante,
  petit,
  ...props
}: Omit<ButtonProps, 'className'> & { variante?: Variante; petit?: boolean }) {
  return <Button {...props} className={classeBouton(variante, petit)} />;
}

/** A link (navigates without reloading) that looks like a button. */
export function LienBouton({
  vers,
  variante,
  petit,
  children,
  ...autres
}: { vers: string; variante?: Variante; petit?: boolean; children: ReactNode } & Omit<
  React.AnchorHTMLAttributes<HTMLAnchorElement>,
  'href' | 'onClick'
>) {
  return (
    <a {...autres} {...lien(vers)} className={classeBouton(variante, petit)}>
      {children}
    </a>
  );
}

export function Lien({ vers, children, ...autres }: { vers: string; children: ReactNode } & Record<string, unknown>) {
  return (
    <a {...autres} {...lien(vers)}>
      {children}
    </a>
  );
}

interface PropsChamp {
  /** Id of the input: the error summary links to it (idChamp of the API's field path). */
  id: string;
  label: string;
  obligatoire?: boolean;
  aide?: ReactNode;
  erreur?: string;
}

const Libelle = ({ label, obligatoire }: { label: string; obligatoire?: boolean }) => (
  <Label>
    {label}
    {obligatoire && <span aria-hidden="true"> *</span>}
  </Label>
);

/** A field's label and, when given, its help text (announced as the field's description). */
const EnTete = ({ label, obligatoire, aide }: { label: string; obligatoire?: boolean; aide?: ReactNode }) => (
  <>
    <Libelle label={label} obligatoire={obligatoire} />
    {aide && (
      <Text slot="description" className="aide">
        {aide}
      </Text>
    )}
  </>
);

export function ChampTexte({
  id,
  label,
  obligatoire,
  aide,
  erreur,
  valeur,
  changer,
  type = 'text',
  lignes,
  ...autres
}: PropsChamp & {
  valeur: string;
  changer: (v: string) => void;
  type?: 'text' | 'email' | 'tel' | 'date' | 'search';
  /** A multi-line text when given. */
  lignes?: number;
  autoComplete?: string;
  inputMode?: 'numeric' | 'text';
  maxLength?: number;
}) {
  return (
    <TextField
      id={id}
      className="champ"
      value={valeur}
      onChange={changer}
      type={type}
      isRequired={obligatoire}
      isInvalid={!!erreur}
      validationBehavior="aria"
      {...autres}
    >
      <EnTete label={label} obligatoire={obligatoire} aide={aide} />
      {lignes ? <TextArea rows={lignes} /> : <Input />}
      <FieldError className="message-erreur">{erreur}</FieldError>
    </TextField>
  );
}

export interface Option {
  valeur: string;
  libelle: string;
  aide?: string;
}

export function ListeDeroulante({
  id,
  label,
  obligatoire,
  aide,
  erreur,
  valeur,
  changer,
  options,
  invite = 'Choisir',
}: PropsChamp & { valeur: string; changer: (v: string) => void; options: Option[]; invite?: string }) {
  return (
    <Select
      id={id}
      className="champ"
      selectedKey={valeur || null}
      onSelectionChange={(k) => changer(k === null ? '' : String(k))}
      isRequired={obligatoire}
      isInvalid={!!erreur}
      validationBehavior="aria"
      placeholder={invite}
    >
      <EnTete label={label} obligatoire={obligatoire} aide={aide} />
      <Button className="selection-bouton">
        <SelectValue />
        <span aria-hidden="true">▾</span>
      </Button>
      <FieldError className="message-erreur">{erreur}</FieldError>
      <Popover className="popover">
        <ListBox className="options" items={options.map((o) => ({ ...o, id: o.valeur }))}>
          {(o) => (
            <ListBoxItem className="option" id={o.valeur} textValue={o.libelle}>
              {o.libelle}
              {o.aide && <span className="option-aide">{o.aide}</span>}
            </ListBoxItem>
          )}
        </ListBox>
      </Popover>
    </Select>
  );
}

/** The drawn box of a checkbox or radio (the native input is hidden by React Aria, still focusable). */
const Boite = () => <span className="case-boite" aria-hidden="true" />;

export function CaseACocher({
  id,
  children,
  coche,
  changer,
  aide,
  erreur,
}: {
  id?: string;
  children: ReactNode;
  coche: boolean;
  changer: (v: boolean) => void;
  aide?: string;
  erreur?: string;
}) {
  return (
    <div className="groupe">
      <Checkbox id={id} className="case" isSelected={coche} onChange={changer} isInvalid={!!erreur}>
        <Boite />
        <span>
          {children}
          {aide && <span className="option-aide">{aide}</span>}
        </span>
      </Checkbox>
      {erreur && (
        <span className="message-erreur" role="alert">
          {erreur}
        </span>
      )}
    </div>
  );
}

export function CasesACocher({
  id,
  label,
  obligatoire,
  aide,
  erreur,
  valeurs,
  changer,
  options,
}: PropsChamp & { valeurs: string[]; changer: (v: string[]) => void; options: Option[] }) {
  return (
    <CheckboxGroup
      id={id}
      className="groupe"
      value={valeurs}
      onChange={changer}
      isRequired={obligatoire}
      isInvalid={!!erreur}
      validationBehavior="aria"
    >
      <EnTete label={label} obligatoire={obligatoire} aide={aide} />
      {options.map((o) => (
        <Checkbox key={o.valeur} value={o.valeur} className="case">
          <Boite />
          {o.libelle}
        </Checkbox>
      ))}
      <FieldError className="message-erreur">{erreur}</FieldError>
    </CheckboxGroup>
  );
}

export function BoutonsRadio({
  id,
  label,
  obligatoire,
  aide,
  erreur,
  valeur,
  changer,
  options,
}: PropsChamp & { valeur: string; changer: (v: string) => void; options: Option[] }) {
  return (
    <RadioGroup
      id={id}
      className="groupe"
      value={valeur || null}
      onChange={changer}
      isRequired={obligatoire}
      isInvalid={!!erreur}
      validationBehavior="aria"
    >
      <EnTete label={label} obligatoire={obligatoire} aide={aide} />
      {options.map((o) => (
        <Radio key={o.valeur} value={o.valeur} className="case case-radio">
          <Boite />
          <span>
            {o.libelle}
            {o.aide && <span className="option-aide">{o.aide}</span>}
          </span>
        </Radio>
      ))}
      <FieldError className="message-erreur">{erreur}</FieldError>
    </RadioGroup>
  );
}

type Gravite = 'erreur' | 'succes' | 'avertissement' | 'info';

/** A message block; errors are announced at once (role alert), the others politely (role status). */
export function Alerte({ type = 'info', titre, children }: { type?: Gravite; titre?: string; children?: ReactNode }) {
  return (
    <div className={`alerte alerte-${type}`} role={type === 'erreur' ? 'alert' : 'status'}>
      {titre && <p className="alerte-titre">{titre}</p>}
      {children}
    </div>
  );
}

export function Badge({ type = 'info', children }: { type?: Gravite; children: ReactNode }) {
  return <span className={`badge badge-${type}`}>{children}</span>;
}

/** A data table with a caption (visible or for screen readers only). */
export function Tableau({
  legende,
  legendeCachee,
  entetes,
  lignes,
}: {
  legende: string;
  legendeCachee?: boolean;
  entetes: string[];
  lignes: { cle: string; cellules: ReactNode[]; urgente?: boolean }[];
}) {
  return (
    <div className="tableau-defilant">
      <table>
        <caption className={legendeCachee ? 'visuellement-cache' : undefined}>{legende}</caption>
        <thead>
          <tr>
            {entetes.map((e) => (
              <th key={e} scope="col">
                {e}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {lignes.map((l) => (
            <tr key={l.cle} className={l.urgente ? 'ligne-urgente' : undefined}>
              {l.cellules.map((c, i) =>
                i === 0 ? (
                  <th key={i} scope="row">
                    {c}
                  </th>
                ) : (
                  <td key={i}>{c}</td>
                ),
              )}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Previous / next pages of a server-paged list. */
export function Pagination({
  offset,
  limite,
  total,
  aller,
  libelle,
}: {
  offset: number;
  limite: number;
  total: number;
  aller: (offset: number) => void;
  libelle: string;
}) {
  if (total <= limite) return null;
  const page = Math.floor(offset / limite) + 1;
  const pages = Math.ceil(total / limite);
  return (
    <nav className="pagination" aria-label={`Pages — ${libelle}`}>
      <Bouton variante="secondaire" petit isDisabled={offset === 0} onPress={() => aller(Math.max(0, offset - limite))}>
        Page précédente
      </Bouton>
      <span>
        Page {page} sur {pages} ({total} au total)
      </span>
      <Bouton variante="secondaire" petit isDisabled={page >= pages} onPress={() => aller(offset + limite)}>
        Page suivante
      </Bouton>
    </nav>
  );
}

/** A list's count as the API gives it: exact up to its bound, then "plus de 1 000". */
export const combien = (l: { total: number; totalExact: boolean }): string =>
  l.totalExact ? l.total.toLocaleString('fr-FR') : `plus de ${l.total.toLocaleString('fr-FR')}`;

/**
 * Previous / next pages of a list paged by cursor (`suivant` of the API): the cursors of the pages seen are kept,
 * so that going back shows the same rows; the total is the API's, bounded ("plus de 1 000").
 */
export function PaginationCurseur({
  curseurs,
  suivant,
  total,
  totalExact,
  aller,
  libelle,
}: {
  curseurs: string[];
  suivant: string | null;
  total: number;
  totalExact: boolean;
  aller: (curseurs: string[]) => void;
  libelle: string;
}) {
  if (!curseurs.length && !suivant) return null;
  return (
    <nav className="pagination" aria-label={`Pages — ${libelle}`}>
      <Bouton variante="secondaire" petit isDisabled={!curseurs.length} onPress={() => aller(curseurs.slice(0, -1))}>
        Page précédente
      </Bouton>
      <span>
        Page {curseurs.length + 1} ({combien({ total, totalExact })}
        {totalExact && ' au total'})
      </span>
      <Bouton
        variante="secondaire"
        petit
        isDisabled={!suivant}
        onPress={() => suivant && aller([...curseurs, suivant])}
      >
        Page suivante
      </Bouton>
    </nav>
  );
}

/** Definition list of a record's properties. */
export function Proprietes({ elements }: { elements: [string, ReactNode][] }) {
  return (
    <dl className="proprietes">
      {elements.map(([t, v]) => (
        <div key={t}>
          <dt>{t}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

export function FilAriane({ elements }: { elements: { libelle: string; vers?: string }[] }) {
  return (
    <nav aria-label="Vous êtes ici">
      <ol className="fil-ariane">
        {elements.map((e) => (
          <li key={e.libelle}>
            {e.vers ? <Lien vers={e.vers}>{e.libelle}</Lien> : <span aria-current="page">{e.libelle}</span>}
          </li>
        ))}
      </ol>
    </nav>
  );
}
