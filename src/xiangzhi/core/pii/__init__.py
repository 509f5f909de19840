"""Personal-data toolkit (DOMAIN §12): ID numbers, masks, field encryption, blind indexes, logged reveals.

Import from the submodules (``pii.masking``, ``pii.fields``...); this package imports nothing so
that models modules can use ``pii.fields`` without pulling in ``pii.access`` (which needs models).
"""
