"""number: counts, arithmetic and number usage (GB/T 15835-2011)."""
