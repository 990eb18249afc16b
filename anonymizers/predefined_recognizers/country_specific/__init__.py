"""Country-specific recognizers added by AIMate (Presidio ships none for China)."""
