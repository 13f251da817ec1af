"""The § 141 wizard: pages built from the definitions in forms/."""
