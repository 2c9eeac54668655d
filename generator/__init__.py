"""Evidence site generator for children's services inspections."""
