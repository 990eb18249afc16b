"""Running the AIMate DAGs through a real Airflow (embedded SQLite metadata by default)."""
