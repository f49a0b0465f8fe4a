"""Stock-and-flow figures, periodic reports and charts, from the derived facts of every timeline."""
