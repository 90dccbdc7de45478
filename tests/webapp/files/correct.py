# expected: full marks from the fake grader (it looks for the word CORRECT)
def add(a, b):
    return a + b  # CORRECT
