# expected: 0 of 10 from the fake grader
def add(a, b):
    return a - b
