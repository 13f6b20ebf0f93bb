print("congvan-bench: not available yet")
