"""The Streamlit workbench: pages under ``workbench/pages`` and plain services beside them.

The services (``auth``, ``review``, ``intake_jobs``, ``exports``, ``overview``,
``search_log``) hold every rule and every database write, so they are tested
without Streamlit; the pages only draw them.
"""
