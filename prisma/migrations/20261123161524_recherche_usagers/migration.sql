-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "pg_trgm";

-- CreateExtension
CREATE EXTENSION IF NOT EXISTS "unaccent";

-- AlterTable
ALTER TABLE "Usager" ADD COLUMN     "nomRecherche" TEXT NOT NULL DEFAULT '';

-- CreateIndex
CREATE INDEX "Usager_nomRecherche_idx" ON "Usager" USING GIN ("nomRecherche" gin_trgm_ops);

-- Written by hand (Prisma declares neither functions nor triggers, and the drift check compares neither).
-- The search form of a text: without accents or ligatures (unaccent), in lower case. unaccent() is only STABLE (its
-- dictionary could be changed): named with its dictionary, the function is as stable as the data it indexes.
CREATE FUNCTION normaliser_recherche(texte text) RETURNS text
  LANGUAGE sql IMMUTABLE PARALLEL SAFE STRICT
  AS $$ SELECT lower(public.unaccent('public.unaccent'::regdictionary, texte)) $$;

-- Kept by the database on every write, whoever writes (API, imports, anonymisation).
-- The migration runner splits scripts at every semicolon, even quoted ones: the body writes them as \073.
CREATE FUNCTION usager_nom_recherche() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN NEW."nomRecherche" := normaliser_recherche(NEW."nom" || '' '' || NEW."prenom")\073 RETURN NEW\073 END\073';

CREATE TRIGGER "Usager_nomRecherche" BEFORE INSERT OR UPDATE OF "nom", "prenom", "nomRecherche" ON "Usager"
  FOR EACH ROW EXECUTE FUNCTION usager_nom_recherche();

UPDATE "Usager" SET "nomRecherche" = normaliser_recherche("nom" || ' ' || "prenom");
