"""Review rules without Streamlit: auto-accept policy, the review queue, locks, saves,
users and the permissible-purpose log. The workbench, the CLI and the workers use them."""
