"""The people the linking tests file documents for, shared by their test modules."""

MARIA = {"name": "Maria L. Gonzalez", "dob": "1981-04-09", "ssn_last4": "4821",
         "addresses": ["1420 W Elm St Apt 3B, Springfield, IL 62704"],
         "phones": ["+12175550143"]}
MARIA_LATER = {"name": "GONZALEZ, MARIA", "dob": "04/09/1981",
               "addresses": ["88 Lake Shore Dr, Chicago, IL 60611"], "phones": ["+12175550143"]}
OTHER_MARIA = {"name": "Maria Gonzalez", "dob": "1990-12-01", "ssn_last4": "1111",
               "addresses": ["5 Pine Rd, Tulsa, OK 74101"]}
JOHN = {"name": "John Quarshie", "dob": "1970-05-06", "ssn_last4": "7777",
        "addresses": ["9 Oak Ave, Peoria, IL 61602"]}


def identity_of(session, party):
    session.refresh(party)
    return party.identity_id
