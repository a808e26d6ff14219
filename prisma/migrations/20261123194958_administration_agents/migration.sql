-- CreateTable
CREATE TABLE "AuditAdministration" (
    "id" BIGSERIAL NOT NULL,
    "le" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "agentId" TEXT NOT NULL,
    "objet" TEXT NOT NULL,
    "objetId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "avant" JSONB,
    "apres" JSONB NOT NULL,

    CONSTRAINT "AuditAdministration_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "AuditAdministration_objet_objetId_le_idx" ON "AuditAdministration"("objet", "objetId", "le");

-- CreateIndex
CREATE INDEX "AuditAdministration_le_idx" ON "AuditAdministration"("le");


-- Added by hand (the drift check does not compare triggers): the administration journal is append-only at the
-- database level, whatever the client. Semicolons in the body written as \073 (the runner splits at each one).
CREATE FUNCTION "journal_append_only"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''% est en ajout seul : % refusé'', TG_TABLE_NAME, TG_OP USING ERRCODE = ''insufficient_privilege''\073 END\073';

CREATE TRIGGER "AuditAdministration_append_only_row" BEFORE UPDATE OR DELETE ON "AuditAdministration"
  FOR EACH ROW EXECUTE FUNCTION "journal_append_only"();
CREATE TRIGGER "AuditAdministration_append_only_truncate" BEFORE TRUNCATE ON "AuditAdministration"
  FOR EACH STATEMENT EXECUTE FUNCTION "journal_append_only"();
