from skiptrace.nicknames import canonical_given_name, direct_name_forms, given_name_variants


def test_direct_name_forms_are_the_pairs_the_data_set_lists_both_ways():
    assert {"robert", "bobby"} <= direct_name_forms("bob")
    assert "bob" in direct_name_forms("robert")  # formal -> nickname too
    assert "bob" not in direct_name_forms("bob")


def test_variants_also_reach_forms_through_a_shared_formal_name():
    assert "robby" in given_name_variants("bob")
    assert "robby" not in direct_name_forms("bob")
    assert direct_name_forms("bob") <= given_name_variants("bob")


def test_a_name_the_data_set_does_not_know_has_no_forms():
    assert direct_name_forms("zebediahx") == frozenset()
    assert given_name_variants("zebediahx") == {"zebediahx"}


def test_canonical_form_for_linking_is_unchanged_by_the_search_relations():
    assert canonical_given_name("bob") == "robert"
    assert canonical_given_name("robert") == "robert"
