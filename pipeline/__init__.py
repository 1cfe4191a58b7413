"""The one orchestrator: read -> classify -> extract -> persist -> review policy -> link,
with the job queue and its workers beside it.
"""
