"""Reports on sign-off: what was submitted and decided each week, how long each
step and each department took in working hours, what waits now and for whom.
Figures are aggregated in PostgreSQL (``queries``), drawn as SVG on the server
(``charts``) and shown beside tables of the same figures (``figures``)."""
