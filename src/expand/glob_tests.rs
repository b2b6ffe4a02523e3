// Tests arrive with the pattern helper's delivery.
