"""User rights and data lifecycle: rights ledger, population filters, purge, completion records,
retention. The DAGs `aimate_rights` and `aimate_retention` call `transforms.rights.pipeline`."""
