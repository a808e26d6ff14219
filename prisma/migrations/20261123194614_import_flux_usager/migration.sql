-- CreateIndex
CREATE INDEX "ImportFluxLigne_usagerId_idx" ON "ImportFluxLigne"("usagerId");

