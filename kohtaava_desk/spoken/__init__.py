"""Optional spoken cues (pyttsx3) for an earpiece; off by default. See tts.SpokenCues."""
