print("congvan-lexicon: not available yet")
