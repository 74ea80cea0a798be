"""Views of the survey engine: management pages (``manage``), instruments
(``instruments``), the public answer page (``public``) and reports (``report``)."""
