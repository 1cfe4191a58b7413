import pytest

import skiptrace


def test_front_door_exports_the_public_functions():
    assert callable(skiptrace.link_records)
    assert issubclass(skiptrace.LinkInputError, ValueError)
    assert callable(skiptrace.trace_report)
    with pytest.raises(AttributeError):
        _ = skiptrace.not_a_function
