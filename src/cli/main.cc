#include <iostream>
int main() { std::cout << "cfnfix " << CFNFIX_VERSION << "\n"; }
