#include "address_validator.h"
