"""The pure core: records, rules, the policy engine, alerts and the catalog.

Nothing here imports Textual or TinyDB, or does I/O beyond reading its own
package data.
"""
