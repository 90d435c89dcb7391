"""The OpenAPI 3.1 description of the public API, built from the engine's own vocabularies.

Built in code rather than kept as a static file so the enums can never drift from the engine.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from app.api.packet import APPLICANT_FIELDS, ATTORNEY_FIELDS, CHOICE_FLAGS, LANGUAGES, MAX_FIELD_LENGTH
from app.api.schema import CONVICTION_FLAGS, MAX_ARRESTS, MAX_CONVICTIONS, PERSON_FLAGS
from app.eligibility import ARREST_OUTCOMES, BASES, ENGINE_VERSION, LEVELS, OUTCOMES, RELIEFS, REMEDIES, SENTENCES
from app.eligibility.automatic import HS11361_5, HS11361_9, PC851_93, PC1203_425
from app.packets import MAX_STATEMENT_CHARS

_NULLABLE_BOOL: dict[str, Any] = {"type": ["boolean", "null"]}
_NULLABLE_DATE: dict[str, Any] = {"type": ["string", "null"], "format": "date"}


def _nullable_enum(values: tuple[str, ...]) -> dict[str, Any]:
    return {"type": ["string", "null"], "enum": [*values, None]}


def _text(max_length: int) -> dict[str, Any]:
    return {"type": "string", "maxLength": max_length}


_REASON = {
    "type": "object",
    "required": ["en", "es"],
    "properties": {"en": {"type": "string"}, "es": {"type": "string"}},
}
_ERRORS = {
    "type": "object",
    "required": ["errors"],
    "properties": {
        "errors": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["field", "message"],
                "properties": {
                    "field": {"type": ["string", "null"], "examples": ["convictions[0].conviction_date"]},
                    "message": {"type": "string"},
                },
            },
        }
    },
}


def _error_response(description: str) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Errors"}}}}


def _json_request(schema: str) -> dict[str, Any]:
    return {"required": True, "content": {"application/json": {"schema": {"$ref": f"#/components/schemas/{schema}"}}}}


# Both POST endpoints read the same body under the same limits.
_TOO_LARGE = _error_response("Over 1 MB or over 200 convictions")
_TOO_MANY_REQUESTS = _error_response("Too many requests from this client")


def _party(required: tuple[str, ...], optional: tuple[str, ...], description: str) -> dict[str, Any]:
    """An applicant or attorney: short strings; an optional one may be null or empty, meaning not given."""
    return {
        "type": "object",
        "description": description,
        "required": list(required),
        "properties": {
            **{key: {**_text(MAX_FIELD_LENGTH), "minLength": 1} for key in required},
            **{key: {"type": ["string", "null"], "maxLength": MAX_FIELD_LENGTH} for key in optional},
        },
    }


@lru_cache(maxsize=1)
def openapi_document() -> dict[str, Any]:
    person = {
        "type": ["object", "null"],
        "description": "Every field may be null, meaning the person does not know.",
        "properties": {"date_of_birth": _NULLABLE_DATE, **{flag: _NULLABLE_BOOL for flag in PERSON_FLAGS}},
    }
    conviction = {
        "type": "object",
        "required": ["id", "offense"],
        "properties": {
            "id": {**_text(100), "description": "Unique within the request."},
            "offense": {**_text(500), "examples": ["HS 11357(b)", "11359 HS-POSSESS MARIJUANA FOR SALE"]},
            "county": {"type": ["string", "null"], "description": "One of California's 58 counties, any case."},
            "case_number": {"type": ["string", "null"], "maxLength": 100,
                            "description": "Counts sharing a case number are one court case."},
            "level": _nullable_enum(LEVELS),
            "conviction_date": _NULLABLE_DATE,
            "offense_date": _NULLABLE_DATE,
            "sentence": _nullable_enum(SENTENCES),
            "sentence_completed_date": _NULLABLE_DATE,
            **{flag: _NULLABLE_BOOL for flag in CONVICTION_FLAGS},
        },
    }
    arrest = {
        "type": "object",
        "description": "An arrest that did not lead to a conviction (PC 851.91 sealing on form CR-409).",
        "required": ["id"],
        "properties": {
            "id": {**_text(100), "description": "Unique among the arrests of the request."},
            "county": {"type": ["string", "null"], "description": "County of the arrest or of the court case."},
            "arrest_date": _NULLABLE_DATE,
            "agency": {"type": ["string", "null"], "maxLength": 100, "examples": ["Oakland Police Department"]},
            "outcome": {**_nullable_enum(ARREST_OUTCOMES),
                        "description": "no_charges: none filed; dismissed; acquitted; vacated: a conviction vacated "
                                       "or reversed on appeal."},
            "offense": {"type": ["string", "null"], "maxLength": 500, "examples": ["PC 242"]},
        },
    }
    automatic_note = {
        "type": "object",
        "required": ["conviction", "statute", "note"],
        "properties": {
            "conviction": {"type": "string", "description": "The id of the conviction, or of the arrest."},
            "statute": {"enum": [PC1203_425, HS11361_9, HS11361_5, PC851_93]},
            "note": {"$ref": "#/components/schemas/Reason"},
        },
    }
    determination = {
        "type": "object",
        "required": ["remedy", "outcome", "relief", "statute", "form", "reasons", "missing"],
        "properties": {
            "remedy": {"enum": list(REMEDIES)},
            "outcome": {"enum": list(OUTCOMES)},
            "relief": _nullable_enum(RELIEFS),
            "statute": {"type": "string", "examples": ["HS 11361.8(e)"]},
            "form": {"type": ["string", "null"], "examples": ["CR-400", "CR-180", "Prop 47 petition", "CR-409", "JV-595"]},
            "basis": _nullable_enum(BASES),
            "reasons": {"type": "array", "items": {"$ref": "#/components/schemas/Reason"}},
            "missing": {"type": "array", "items": {"type": "string"},
                        "description": "Unknown facts that would change the answer, by request field name."},
            "unverified": {"type": "array", "items": {"type": "string"},
                           "description": "Rules behind this answer not yet re-read against the statute text."},
        },
    }
    offense = {
        "type": ["object", "null"],
        "properties": {
            "code": {"enum": ["HS", "PC", "VC", "BP", "WI"]},
            "section": {"type": "string"},
            "subdivision": {"type": ["string", "null"]},
            "label": {"type": "string"},
            "label_es": {"type": "string"},
        },
    }
    screening = {
        "type": "object",
        "required": ["engine_version", "today", "convictions", "automatic_relief"],
        "properties": {
            "engine_version": {"type": "string"},
            "today": {"type": "string", "format": "date"},
            "convictions": {
                "type": "array",
                "items": {
                    "type": "object",
                    "required": ["id", "offense", "determinations"],
                    "properties": {
                        "id": {"type": "string"},
                        "offense": {"$ref": "#/components/schemas/Offense"},
                        "determinations": {"type": "array", "items": {"$ref": "#/components/schemas/Determination"}},
                        "chain": {
                            "type": ["object", "null"],
                            "description": "When one relief opens another: the remedies in the order to ask for them.",
                            "properties": {"steps": {"type": "array", "items": {"enum": list(REMEDIES)}},
                                           "reason": {"$ref": "#/components/schemas/Reason"}},
                        },
                    },
                },
            },
            "automatic_relief": {"type": "array", "items": {"$ref": "#/components/schemas/AutomaticReliefNote"}},
            "person_routes": {"type": "array", "description": "Routes for the person as a whole (juvenile records).",
                              "items": {"$ref": "#/components/schemas/Determination"}},
            "arrests": {
                "type": "array",
                "description": "One entry per arrest of the request, in its order.",
                "items": {
                    "type": "object",
                    "required": ["id", "determinations", "automatic_relief"],
                    "properties": {
                        "id": {"type": "string"},
                        "determinations": {"type": "array", "items": {"$ref": "#/components/schemas/Determination"}},
                        "automatic_relief": {"type": "array",
                                             "items": {"$ref": "#/components/schemas/AutomaticReliefNote"}},
                    },
                },
            },
        },
    }
    request_body = {
        "type": "object",
        "required": ["convictions"],
        "properties": {
            "today": {**_NULLABLE_DATE, "description": "Defaults to the server's date; every time rule uses it."},
            "person": {"$ref": "#/components/schemas/Person"},
            "convictions": {"type": "array", "maxItems": MAX_CONVICTIONS,
                            "description": "May be empty for a person with only arrests.",
                            "items": {"$ref": "#/components/schemas/Conviction"}},
            "arrests": {"type": ["array", "null"], "maxItems": MAX_ARRESTS,
                        "items": {"$ref": "#/components/schemas/Arrest"}},
        },
    }
    packet_request = {
        "allOf": [
            {"$ref": "#/components/schemas/ScreenRequest"},
            {
                "type": "object",
                "required": ["applicant"],
                "properties": {
                    "applicant": {"$ref": "#/components/schemas/Applicant"},
                    "attorney": {"oneOf": [{"$ref": "#/components/schemas/Attorney"}, {"type": "null"}],
                                 "description": "Without one, the applicant files as a party without an attorney."},
                    "choices": {"oneOf": [{"$ref": "#/components/schemas/PacketChoices"}, {"type": "null"}]},
                    "language": {**_nullable_enum(LANGUAGES), "description": "Of the cover sheet; defaults to en."},
                },
            },
        ]
    }
    packet_choices = {
        "type": "object",
        "description": "Choices the person made; the forms never assume them.",
        "properties": {
            **{flag: {"type": "boolean", "default": False} for flag in CHOICE_FLAGS},
            "personal_statement": {"type": ["string", "null"], "maxLength": MAX_STATEMENT_CHARS},
            "good_cause_statement": {"type": ["string", "null"], "maxLength": MAX_STATEMENT_CHARS},
        },
    }
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "California record clearance screening API",
            "version": ENGINE_VERSION,
            "description": "Says, per conviction, what California law offers (Prop 64, Prop 47, PC 1203.4 and "
            "related dismissals, PC 17(b)/17(d)(2) reductions), why, and which facts are missing; fills the court "
            "forms the screening calls for as a PDF packet. "
            "Bodies up to 1 MB and 200 convictions; rate-limited per client.",
        },
        "paths": {
            "/api/v1/screen": {
                "post": {
                    "summary": "Screen a person's convictions",
                    "requestBody": _json_request("ScreenRequest"),
                    "responses": {
                        "200": {"description": "The screening",
                                "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Screening"}}}},
                        "400": _error_response("Not JSON, a missing convictions list, a wrong type or an impossible date"),
                        "413": _TOO_LARGE,
                        "429": _TOO_MANY_REQUESTS,
                    },
                }
            },
            "/api/v1/packet": {
                "post": {
                    "summary": "Fill the court forms a person's screening calls for",
                    "description": "The screening body plus the applicant. The PDF holds the filled forms (one set per "
                    "court case, one per arrest to seal with its CR-410 order, and a JV-595 request for a person with a "
                    "juvenile case) with the instructions sheet in front.",
                    "requestBody": _json_request("PacketRequest"),
                    "responses": {
                        "200": {
                            "description": "The petition packet, as a download",
                            "headers": {"Content-Disposition": {
                                "schema": {"type": "string"}, "example": 'attachment; filename="petition-packet.pdf"'}},
                            "content": {"application/pdf": {"schema": {"type": "string", "format": "binary"}}},
                        },
                        "400": _error_response("What /api/v1/screen refuses, a missing applicant, or a wrong "
                                               "applicant, attorney, choices or language field; all named at once"),
                        "413": _TOO_LARGE,
                        "422": _error_response("The screening calls for no petition, so there is nothing to file"),
                        "429": _TOO_MANY_REQUESTS,
                        "503": _error_response("The packet took too long to render; try again with fewer convictions"),
                    },
                }
            },
            "/api/v1/openapi.json": {
                "get": {"summary": "This description", "responses": {"200": {"description": "OpenAPI document"}}}
            },
        },
        "components": {
            "schemas": {
                "ScreenRequest": request_body,
                "PacketRequest": packet_request,
                "Applicant": _party(("name",), APPLICANT_FIELDS, "The petitioner (the defendant in the case)."),
                "Attorney": _party(("name", "bar_number"), ATTORNEY_FIELDS, "Fills the attorney caption."),
                "PacketChoices": packet_choices,
                "Person": person,
                "Conviction": conviction,
                "Arrest": arrest,
                "AutomaticReliefNote": automatic_note,
                "Screening": screening,
                "Offense": offense,
                "Determination": determination,
                "Reason": _REASON,
                "Errors": _ERRORS,
            }
        },
    }
