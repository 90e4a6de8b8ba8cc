"""`python -m compare` runs the same command line as the `compare` script."""

from compare.cli import main

if __name__ == "__main__":
    main()
