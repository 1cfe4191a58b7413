"""Real US cities with matching ZIP codes, area codes and the courts that sit there.

Coherent places make the paperwork believable (a Springfield, IL address has a 217
number and goes to an Illinois court) and let address parsers be tested on real ZIPs.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class City:
    name: str
    state: str
    zips: tuple[str, ...]
    area_codes: tuple[str, ...]
    county: str


@dataclass(frozen=True, slots=True)
class Court:
    """A court that hears collection suits; ``case_format`` is filled by ``court_case_number``."""

    state: str
    name_lines: tuple[str, ...]
    short_name: str
    case_format: str
    address: str


CITIES: tuple[City, ...] = (
    City("Los Angeles", "CA", ("90012", "90026", "90037", "90044", "90063"),
         ("213", "323"), "Los Angeles"),
    City("Pasadena", "CA", ("91101", "91104", "91106"), ("626",), "Los Angeles"),
    City("Van Nuys", "CA", ("91401", "91405", "91406"), ("818",), "Los Angeles"),
    City("San Diego", "CA", ("92101", "92105", "92113", "92126"), ("619", "858"), "San Diego"),
    City("Fresno", "CA", ("93701", "93702", "93726"), ("559",), "Fresno"),
    City("Chicago", "IL", ("60608", "60617", "60623", "60629", "60640"),
         ("312", "773"), "Cook"),
    City("Cicero", "IL", ("60804",), ("708",), "Cook"),
    City("Springfield", "IL", ("62702", "62703", "62704"), ("217",), "Sangamon"),
    City("Houston", "TX", ("77002", "77036", "77072", "77083"), ("713", "832"), "Harris"),
    City("San Antonio", "TX", ("78201", "78207", "78228"), ("210",), "Bexar"),
    City("Dallas", "TX", ("75204", "75217", "75228"), ("214", "469"), "Dallas"),
    City("Orlando", "FL", ("32801", "32807", "32822"), ("407",), "Orange"),
    City("Miami", "FL", ("33125", "33135", "33142"), ("305", "786"), "Miami-Dade"),
    City("Tampa", "FL", ("33604", "33610", "33614"), ("813",), "Hillsborough"),
    City("Brooklyn", "NY", ("11206", "11212", "11220", "11226"), ("718", "347"), "Kings"),
    City("Bronx", "NY", ("10453", "10458", "10467"), ("718", "347"), "Bronx"),
    City("Columbus", "OH", ("43205", "43211", "43223"), ("614",), "Franklin"),
    City("Cleveland", "OH", ("44102", "44105", "44109"), ("216",), "Cuyahoga"),
    City("Atlanta", "GA", ("30310", "30315", "30318"), ("404", "470"), "Fulton"),
    City("Phoenix", "AZ", ("85006", "85009", "85033"), ("602",), "Maricopa"),
    City("Mesa", "AZ", ("85201", "85203", "85210"), ("480",), "Maricopa"),
    City("Seattle", "WA", ("98108", "98118", "98125"), ("206",), "King"),
    City("Milwaukee", "WI", ("53204", "53210", "53215"), ("414",), "Milwaukee"),
    City("Detroit", "MI", ("48205", "48219", "48227"), ("313",), "Wayne"),
    City("Denver", "CO", ("80204", "80219", "80239"), ("303", "720"), "Denver"),
)

COURTS: tuple[Court, ...] = (
    Court("CA", ("SUPERIOR COURT OF THE STATE OF CALIFORNIA", "FOR THE COUNTY OF {county}"),
          "Superior Court of California, County of {county}", "ca", "111 N. Hill Street"),
    Court("IL", ("IN THE CIRCUIT COURT OF {county} COUNTY, ILLINOIS",),
          "Circuit Court of {county} County, Illinois", "il", "50 W. Washington Street"),
    Court("TX", ("IN THE JUSTICE COURT, PRECINCT 1, PLACE 2", "{county} COUNTY, TEXAS"),
          "Justice Court, Precinct 1, Place 2, {county} County, Texas", "tx",
          "7300 N. Shepherd Dr."),
    Court("FL", ("IN THE COUNTY COURT IN AND FOR", "{county} COUNTY, FLORIDA"),
          "County Court in and for {county} County, Florida", "fl", "425 N. Orange Avenue"),
    Court("NY", ("CIVIL COURT OF THE CITY OF NEW YORK", "COUNTY OF {county}"),
          "Civil Court of the City of New York, County of {county}", "ny", "141 Livingston St."),
    Court("OH", ("IN THE MUNICIPAL COURT OF {county} COUNTY, OHIO",),
          "Municipal Court of {county} County, Ohio", "oh", "375 S. High Street"),
    Court("GA", ("IN THE MAGISTRATE COURT OF {county} COUNTY", "STATE OF GEORGIA"),
          "Magistrate Court of {county} County, State of Georgia", "ga", "185 Central Ave. SW"),
    Court("AZ", ("IN THE JUSTICE COURT OF THE STATE OF ARIZONA",
                 "IN AND FOR THE COUNTY OF {county}"),
          "Justice Court of the State of Arizona in and for the County of {county}", "az",
          "222 E. Javelina Ave."),
    Court("WA", ("IN THE DISTRICT COURT OF THE STATE OF WASHINGTON", "IN AND FOR {county} COUNTY"),
          "District Court of the State of Washington in and for {county} County", "wa",
          "516 Third Avenue"),
    Court("WI", ("STATE OF WISCONSIN", "CIRCUIT COURT - SMALL CLAIMS", "{county} COUNTY"),
          "Circuit Court, Small Claims, {county} County, Wisconsin", "sc",
          "901 N. 9th Street"),
    Court("MI", ("STATE OF MICHIGAN", "36TH DISTRICT COURT", "SMALL CLAIMS DIVISION"),
          "36th District Court, Small Claims Division", "sc", "421 Madison Street"),
    Court("CO", ("COUNTY COURT, CITY AND COUNTY OF DENVER, COLORADO",),
          "County Court, City and County of Denver, Colorado", "co", "1437 Bannock Street"),
)

FEDERAL_DISTRICTS: dict[str, str] = {
    "CA": "CENTRAL DISTRICT OF CALIFORNIA", "IL": "NORTHERN DISTRICT OF ILLINOIS",
    "TX": "SOUTHERN DISTRICT OF TEXAS", "FL": "MIDDLE DISTRICT OF FLORIDA",
    "NY": "EASTERN DISTRICT OF NEW YORK", "OH": "SOUTHERN DISTRICT OF OHIO",
    "GA": "NORTHERN DISTRICT OF GEORGIA", "AZ": "DISTRICT OF ARIZONA",
    "WA": "WESTERN DISTRICT OF WASHINGTON", "WI": "EASTERN DISTRICT OF WISCONSIN",
    "MI": "EASTERN DISTRICT OF MICHIGAN", "CO": "DISTRICT OF COLORADO",
}

STATE_NAMES: dict[str, str] = {
    "CA": "California", "IL": "Illinois", "TX": "Texas", "FL": "Florida", "NY": "New York",
    "OH": "Ohio", "GA": "Georgia", "AZ": "Arizona", "WA": "Washington", "WI": "Wisconsin",
    "MI": "Michigan", "CO": "Colorado",
}

CA_COURTHOUSES = ("CH", "NW", "LB", "PO", "VN", "ST")


def court_for_state(state: str) -> Court:
    for court in COURTS:
        if court.state == state:
            return court
    raise ValueError(f"no court configured for state {state!r}")
