-- AlterTable
ALTER TABLE "Usager" ADD COLUMN     "anonymiseLe" TIMESTAMP(3);

-- CreateTable
CREATE TABLE "AuditAcces" (
    "id" BIGSERIAL NOT NULL,
    "le" TIMESTAMPTZ(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "agentId" TEXT,
    "operation" TEXT NOT NULL,
    "route" TEXT NOT NULL,
    "chemin" TEXT NOT NULL,
    "statut" INTEGER NOT NULL,
    "usagers" TEXT[],
    "ip" TEXT,
    "moyen" TEXT,

    CONSTRAINT "AuditAcces_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session_agent" (
    "sid" VARCHAR NOT NULL,
    "sess" JSON NOT NULL,
    "expire" TIMESTAMP(6) NOT NULL,

    CONSTRAINT "session_agent_pkey" PRIMARY KEY ("sid")
);

-- CreateIndex
CREATE INDEX "AuditAcces_le_idx" ON "AuditAcces"("le");

-- CreateIndex
CREATE INDEX "AuditAcces_agentId_le_idx" ON "AuditAcces"("agentId", "le");

-- CreateIndex
CREATE INDEX "AuditAcces_usagers_idx" ON "AuditAcces" USING GIN ("usagers");

-- CreateIndex
CREATE INDEX "session_agent_expire_idx" ON "session_agent"("expire");


-- Added by hand (the drift check compares tables, columns, constraints and indexes, not triggers):
-- the access journal is append-only at the database level, whatever the client.
-- The migration runner splits scripts at every semicolon, even quoted ones: the body writes them as \073.
CREATE FUNCTION "audit_acces_append_only"() RETURNS trigger LANGUAGE plpgsql AS
  E'BEGIN RAISE EXCEPTION ''AuditAcces est en ajout seul : % refusé'', TG_OP USING ERRCODE = ''insufficient_privilege''\073 END\073';

CREATE TRIGGER "AuditAcces_append_only_row" BEFORE UPDATE OR DELETE ON "AuditAcces"
  FOR EACH ROW EXECUTE FUNCTION "audit_acces_append_only"();
CREATE TRIGGER "AuditAcces_append_only_truncate" BEFORE TRUNCATE ON "AuditAcces"
  FOR EACH STATEMENT EXECUTE FUNCTION "audit_acces_append_only"();
