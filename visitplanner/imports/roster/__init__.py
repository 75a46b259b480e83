"""Read the roster spreadsheets embassies send (CSV, XLSX) and plan their import."""
