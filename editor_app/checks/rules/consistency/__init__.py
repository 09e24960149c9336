"""consistency: the table of contents against the articles, and the articles against each other."""
