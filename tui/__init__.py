"""The full-screen desk: screens, dialogs and widgets (the only package that draws)."""
