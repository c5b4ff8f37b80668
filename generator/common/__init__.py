"""Helpers every room may use: errors, the one place that writes files, text cleaning, ND30 facts,
units, font metrics, numbering labels, Vietnamese number formats.

Imports nothing else of the package.
"""
