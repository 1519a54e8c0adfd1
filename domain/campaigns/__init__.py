"""Marketing campaigns and the leads, deals and revenue they bring (§13)."""
