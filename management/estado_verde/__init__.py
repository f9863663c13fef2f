"""Estado Verde: paper, water and waste per unit; documents, committee, commuting and air travel per service."""
