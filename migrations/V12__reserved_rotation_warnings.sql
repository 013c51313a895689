-- Placeholder on the branch rotation-pool-from only: V12 belongs to the rotation warnings (another branch).
-- When the branches meet, that branch's V12 replaces this file; it creates nothing.
CREATE TABLE v12_placeholder (x INTEGER);
DROP TABLE v12_placeholder;
