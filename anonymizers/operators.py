"""Presidio operator for keyed surrogates, registered with the AnonymizerEngine (model_tuning)."""

from __future__ import annotations

from presidio_anonymizer.entities import InvalidParamError, OperatorConfig
from presidio_anonymizer.operators import Operator, OperatorType

from .surrogates import SurrogateGenerator

SURROGATE_KEY_NAME = "surrogate"


class SurrogateOperator(Operator):
    """``surrogate``: replace the value with ``params['generator'](entity_type, value)``.

    The generator (which holds the key) is passed as a parameter, so the key never sits in a
    class attribute or an operator config that could be serialised or logged.
    """

    def operate(self, text: str, params: dict | None = None) -> str:
        """Return the surrogate for ``text``."""
        params = params or {}
        return params["generator"](params.get("entity_type", "DEFAULT"), text)

    def validate(self, params: dict | None = None) -> None:
        """A callable generator must be given."""
        if not params or not callable(params.get("generator")):
            raise InvalidParamError("surrogate operator needs a 'generator' callable")

    def operator_name(self) -> str:
        """Name used in OperatorConfig."""
        return "surrogate"

    def operator_type(self) -> OperatorType:
        """An anonymizing (not reversible) operator."""
        return OperatorType.Anonymize


def surrogate_operators(keyring=None) -> tuple[dict[str, OperatorConfig], str]:
    """Operators config for model_tuning and the surrogate key version in force."""
    if keyring is None:
        from .keyring import KeyRing

        keyring = KeyRing.load()
    version, key = keyring.current(SURROGATE_KEY_NAME)
    gen = SurrogateGenerator(key, version)
    return {"DEFAULT": OperatorConfig("surrogate", {"generator": gen})}, version
