-- AlterTable
ALTER TABLE "Agent" ADD COLUMN     "origine" TEXT NOT NULL DEFAULT 'saisie';

