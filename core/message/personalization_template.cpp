#include "personalization_template.h"
