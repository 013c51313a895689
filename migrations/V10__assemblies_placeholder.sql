-- Stand-in for the assemblies' V10 while the rotation branch waits for it on main: migration versions run
-- without gaps. It changes nothing, and is removed when main's V10 is merged into this branch.
-- tables:
SELECT 1;
